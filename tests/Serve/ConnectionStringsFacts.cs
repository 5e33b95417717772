using PerfEval.Jobs.Serve;

namespace PerfEval.Tests.Serve;

public sealed class ConnectionStringsFacts
{
    [Fact]
    public void Mask_WithPassword_HidesIt()
    {
        var masked = ConnectionStrings.Mask("Host=db;Username=perfeval;Password=hunter2;Database=perfeval");

        masked.ShouldNotContain("hunter2");
        masked.ShouldContain("Password=***");
        masked.ShouldContain("Host=db");
    }

    [Fact]
    public void Mask_Unparseable_HidesEverything()
    {
        ConnectionStrings.Mask("this is = not; a = connection; string=").ShouldBe(ConnectionStrings.Hidden);
    }

    [Fact]
    public void Scrub_MessageWithPassword_HidesIt()
    {
        ConnectionStrings.Scrub("login failed for hunter2", "Host=db;Password=hunter2").ShouldBe("login failed for ***");
    }
}
