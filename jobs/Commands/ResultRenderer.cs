using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Spectre.Console;

namespace PerfEval.Jobs.Commands;

/// <summary>Prints a query result as an aligned table (Chinese text counts two columns), CSV or JSON.</summary>
internal static class ResultRenderer
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(DbDataReader reader, string format, TextWriter output)
    {
        switch (format)
        {
            case "csv": WriteCsv(reader, output); break;
            case "json": WriteJson(reader, output); break;
            default: WriteTable(reader, output); break;
        }
    }

    static void WriteTable(DbDataReader reader, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        // Piped or captured output is read as a file: never wrap cells to a terminal's width.
        if (output != Console.Out || Console.IsOutputRedirected) console.Profile.Width = 4000;
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var column = new TableColumn(Markup.Escape(reader.GetName(i)));
            if (IsNumeric(reader.GetFieldType(i))) column.RightAligned();
            table.AddColumn(column);
        }
        var rows = 0;
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++) cells[i] = Markup.Escape(Text(reader.IsDBNull(i) ? null : reader.GetValue(i)));
            table.AddRow(cells);
            rows++;
        }
        console.Write(table);
        console.WriteLine($"({rows} row{(rows == 1 ? "" : "s")})");
    }

    static void WriteCsv(DbDataReader reader, TextWriter output)
    {
        using var csv = new CsvWriter(output, CsvSafety, leaveOpen: true);
        for (var i = 0; i < reader.FieldCount; i++) WriteCsvField(csv, reader.GetName(i));
        csv.NextRecord();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++) WriteCsvField(csv, Text(reader.IsDBNull(i) ? null : reader.GetValue(i)));
            csv.NextRecord();
        }
    }

    /// <summary>
    /// Escape (a leading <c>'</c>, quoted) keeps a cell like <c>=1+1</c>, <c>+cmd</c>, <c>@SUM(A1)</c> or one starting
    /// with a tab or CR from running as a formula when the file is opened in Excel. A leading <c>-</c> is left
    /// alone on numbers, so <c>-3.5</c> stays a number, and escaped otherwise (<c>-2+3+cmd|' /C calc'!A0</c>).
    /// </summary>
    static readonly CsvConfiguration CsvSafety = new(Invariant)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '@', '+', '\t', '\r'],
    };

    internal static void WriteCsvField(CsvWriter csv, string cell)
    {
        if (cell.StartsWith('-') && !double.TryParse(cell, NumberStyles.Float, Invariant, out _))
            csv.WriteField(CsvSafety.InjectionEscapeCharacter + cell, shouldQuote: true);
        else
            csv.WriteField(cell);
    }

    static void WriteJson(DbDataReader reader, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            while (reader.Read())
            {
                json.WriteStartObject();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    json.WritePropertyName(reader.GetName(i));
                    WriteJsonValue(json, reader.IsDBNull(i) ? null : reader.GetValue(i));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case decimal d: json.WriteNumberValue(Normalize(d)); break;
            case double d: json.WriteNumberValue(d); break;
            case float f: json.WriteNumberValue(f); break;
            case BigInteger n: json.WriteRawValue(n.ToString(Invariant)); break;
            case sbyte or byte or short or ushort or int or uint or long or ulong: json.WriteRawValue(Convert.ToString(value, Invariant)!); break;
            case string s: json.WriteStringValue(s); break;
            case IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items) WriteJsonValue(json, item);
                json.WriteEndArray();
                break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }

    /// <summary>A value as invariant text: 12.3400 → 12.34, timestamps as ISO 8601, lists as [a, b].</summary>
    internal static string Text(object? value) => value switch
    {
        null => "",
        decimal d => Normalize(d).ToString(Invariant),
        double d => d.ToString("R", Invariant),
        float f => f.ToString("R", Invariant),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", Invariant),
        string s => s,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Text)) + "]",
        IFormattable f => f.ToString(null, Invariant),
        _ => value.ToString() ?? "",
    };

    /// <summary>Drops trailing zeros of a DECIMAL column's scale.</summary>
    static decimal Normalize(decimal d) => d / 1.000000000000000000000000000000000m;

    static bool IsNumeric(Type type) =>
        type == typeof(decimal) || type == typeof(double) || type == typeof(float) || type == typeof(BigInteger)
        || type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte);
}
