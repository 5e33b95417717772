using System.Net;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PerfEval.Jobs.Serve;

namespace PerfEval.Tests.Serve;

/// <summary>Who may open <c>/hangfire</c>, and who may change anything there.</summary>
public sealed class DashboardAccessFacts
{
    static readonly JobStorage Storage = new InMemoryStorage();

    static DashboardContext Request(string remoteIp, string? user = null, string? password = null)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remoteIp);
        http.Connection.LocalIpAddress = IPAddress.Parse("10.0.0.5");
        if (user is not null)
            http.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        return new AspNetCoreDashboardContext(Storage, new DashboardOptions(), http);
    }

    [Fact]
    public void Authorize_LocalRequest_IsAllowedAndMayWrite()
    {
        var access = new DashboardAccess(null, null, remoteMayWrite: false);
        var local = Request("127.0.0.1");

        access.Authorize(local).ShouldBeTrue();
        access.IsReadOnly(local).ShouldBeFalse();
        access.Authorize(Request("::1")).ShouldBeTrue();
    }

    [Fact]
    public void Authorize_RemoteWithoutConfiguredCredential_IsDenied()
    {
        var access = new DashboardAccess(null, null, remoteMayWrite: true);

        access.Authorize(Request("203.0.113.7", "admin", "admin")).ShouldBeFalse();
    }

    [Fact]
    public void Authorize_RemoteWithTheCredential_IsAllowedReadOnly()
    {
        var access = new DashboardAccess("analyst", "绩效-2024", remoteMayWrite: false);
        var remote = Request("203.0.113.7", "analyst", "绩效-2024");

        access.Authorize(remote).ShouldBeTrue();
        access.IsReadOnly(remote).ShouldBeTrue();
    }

    [Fact]
    public void IsReadOnly_RemoteWhenWritingIsSwitchedOn_IsFalse()
    {
        var access = new DashboardAccess("ops", "pw", remoteMayWrite: true);

        access.IsReadOnly(Request("203.0.113.7", "ops", "pw")).ShouldBeFalse();
    }

    [Fact]
    public void Authorize_RemoteWithAWrongPassword_IsDeniedWithABasicChallenge()
    {
        var access = new DashboardAccess("ops", "pw", remoteMayWrite: false);
        var remote = Request("203.0.113.7", "ops", "guess");

        access.Authorize(remote).ShouldBeFalse();
        remote.GetHttpContext().Response.Headers.WWWAuthenticate.ToString().ShouldStartWith("Basic");
    }

    [Fact]
    public void Authorize_RemoteWithoutAnyHeader_IsDenied()
    {
        new DashboardAccess("ops", "pw", remoteMayWrite: false).Authorize(Request("203.0.113.7")).ShouldBeFalse();
    }
}
