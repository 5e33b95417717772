using Npgsql;

namespace PerfEval.Jobs.Serve;

/// <summary>Connection strings as they may appear in a log line: never with the password.</summary>
public static class ConnectionStrings
{
    public const string Hidden = "***";

    /// <summary>The connection string with its password replaced by <c>***</c>; unparseable text is hidden whole.</summary>
    public static string Mask(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return "";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password)) builder.Password = Hidden;
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return Hidden;
        }
    }

    /// <summary><paramref name="text"/> with every occurrence of the connection string's password hidden (for exception messages).</summary>
    public static string Scrub(string text, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return text;
        string? password;
        try { password = new NpgsqlConnectionStringBuilder(connectionString).Password; }
        catch (ArgumentException) { return text.Replace(connectionString, Hidden, StringComparison.Ordinal); }
        return string.IsNullOrEmpty(password) ? text : text.Replace(password, Hidden, StringComparison.Ordinal);
    }
}
