using NewsBot.Storage;

namespace NewsBot.Tests.Storage;

public sealed class WriterQueueTests
{
    [Fact]
    public async Task A_waiting_statement_goes_before_waiting_transactions_and_a_timed_out_wait_leaves_the_line()
    {
        var queue = new WriterQueue();
        Assert.True(await queue.EnterAsync(urgent: false, TimeSpan.FromSeconds(5), default));

        var order = new List<string>();
        var first = Enter(queue, "transaction 1", urgent: false, order);
        var gaveUp = queue.EnterAsync(urgent: false, TimeSpan.FromMilliseconds(50), default);
        var second = Enter(queue, "transaction 2", urgent: false, order);
        var statement = Enter(queue, "statement", urgent: true, order);
        Assert.False(await gaveUp);

        queue.Exit();
        await Task.WhenAll(first, second, statement).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["statement", "transaction 1", "transaction 2"], order);

        // Everyone has left: the lock is free again.
        Assert.True(await queue.EnterAsync(urgent: false, TimeSpan.FromMilliseconds(10), default));
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_does_not_keep_the_lock()
    {
        var queue = new WriterQueue();
        Assert.True(await queue.EnterAsync(urgent: true, TimeSpan.FromSeconds(5), default));
        using var cancel = new CancellationTokenSource();
        var waiting = queue.EnterAsync(urgent: true, TimeSpan.FromSeconds(30), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        queue.Exit();
        Assert.True(await queue.EnterAsync(urgent: false, TimeSpan.FromMilliseconds(10), default));
    }

    private static async Task Enter(WriterQueue queue, string name, bool urgent, List<string> order)
    {
        Assert.True(await queue.EnterAsync(urgent, TimeSpan.FromSeconds(5), default));
        lock (order)
        {
            order.Add(name);
        }
        queue.Exit();
    }
}
