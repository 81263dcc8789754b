using NewsBot.Storage;

namespace NewsBot.Tests.Polling;

public sealed class CheckHistoryTests
{
    private static readonly DateTime T0 = new(2026, 12, 4, 5, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_newest_ten_checks_are_kept_newest_first_within_the_stored_size()
    {
        string? history = null;
        for (var i = 0; i < 25; i++)
        {
            history = CheckHistory.Prepend(history, CheckHistory.Entry(T0.AddMinutes(i), i % 5 == 0 ? 500 : 200, i, i % 5 == 0 ? new string('x', 400) + "\nsecond line" : null));
        }
        var read = CheckHistory.Read(history);
        Assert.Equal(CheckHistory.MaxEntries, read.Count);
        Assert.Equal(Enumerable.Range(15, 10).Reverse().Select(i => T0.AddMinutes(i)), read.Select(r => r.At));
        Assert.InRange(history!.Length, 1, CheckHistory.MaxChars);
        var failure = read.Single(r => r.NewItems == 20);
        Assert.Equal(500, failure.Status);
        Assert.Equal(80, failure.Error!.Length);
        Assert.DoesNotContain('\n', failure.Error);
    }

    [Fact]
    public void A_value_cut_in_the_middle_of_an_entry_or_garbage_reads_as_the_whole_entries_only()
    {
        var two = CheckHistory.Prepend(CheckHistory.Entry(T0, 200, 1, null), CheckHistory.Entry(T0.AddMinutes(1), 0, 0, "timed out"));
        Assert.Single(CheckHistory.Read(two[..^3]));
        Assert.Empty(CheckHistory.Read("not|a|history"));
        Assert.Equal([new CheckEntry(T0.AddMinutes(1), 0, 0, "timed out"), new CheckEntry(T0, 200, 1, null)], CheckHistory.Read(two));
    }

    [Fact]
    public void Long_errors_cost_the_oldest_whole_entries_never_a_half_entry()
    {
        string? history = null;
        for (var i = 0; i < 12; i++)
        {
            history = CheckHistory.Prepend(history, CheckHistory.Entry(T0.AddMinutes(i), 503, 0, $"error {i} " + new string('e', 200)));
        }
        var read = CheckHistory.Read(history);
        Assert.InRange(history!.Length, 1, CheckHistory.MaxChars);
        Assert.InRange(read.Count, 2, CheckHistory.MaxEntries - 1);
        Assert.Equal(history.Split(CheckHistory.Separator).Length, read.Count);
        Assert.All(read, r => Assert.Equal(80, r.Error!.Length));
        Assert.StartsWith("error 11 ", read[0].Error, StringComparison.Ordinal);
    }
}
