using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;

namespace PerfEval.Jobs.Serve;

/// <summary>
/// Who may open the dashboard at <c>/hangfire</c>: local requests always, with full rights; remote requests only
/// with the configured basic-auth credential, and then read-only unless writing is switched on.
/// </summary>
public sealed class DashboardAccess(string? user, string? password, bool remoteMayWrite) : IDashboardAuthorizationFilter
{
    public const string UserVariable = "PERFEVAL_DASHBOARD_USER";
    public const string PasswordVariable = "PERFEVAL_DASHBOARD_PASSWORD";
    public const string WriteVariable = "PERFEVAL_DASHBOARD_WRITE";

    /// <summary>The rules as the environment sets them.</summary>
    public static DashboardAccess FromEnvironment() => new(
        Environment.GetEnvironmentVariable(UserVariable),
        Environment.GetEnvironmentVariable(PasswordVariable),
        string.Equals(Environment.GetEnvironmentVariable(WriteVariable), "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether remote requests can get in at all.</summary>
    public bool RemoteAllowed => !string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password);

    public bool RemoteMayWrite => remoteMayWrite;

    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (IsLocal(http)) return true;
        if (RemoteAllowed && HasCredential(http.Request)) return true;
        if (RemoteAllowed) http.Response.Headers.WWWAuthenticate = "Basic realm=\"perfeval\", charset=\"UTF-8\"";
        return false;
    }

    /// <summary>For <c>DashboardOptions.IsReadOnlyFunc</c>: remote viewers cannot trigger, retry or delete jobs unless allowed.</summary>
    public bool IsReadOnly(DashboardContext context) => !IsLocal(context.GetHttpContext()) && !remoteMayWrite;

    /// <summary>A request from this machine: loopback, or the remote address is our own.</summary>
    public static bool IsLocal(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null) return false;
        return IPAddress.IsLoopback(remote) || remote.Equals(http.Connection.LocalIpAddress);
    }

    bool HasCredential(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim())); }
        catch (FormatException) { return false; }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return false;
        return SameText(decoded[..colon], user!) & SameText(decoded[(colon + 1)..], password!);
    }

    static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
