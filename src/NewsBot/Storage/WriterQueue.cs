namespace NewsBot.Storage;

/// <summary>
/// An async lock with two lines: a waiting single statement (a post marked sent, a claim, a batch of reschedules) goes
/// before a waiting transaction (a feed's refresh), so delivery never queues behind every refresh of a busy poll. A
/// wait that times out leaves its line and answers false.
/// </summary>
internal sealed class WriterQueue
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource<bool>> _urgent = [];
    private readonly LinkedList<TaskCompletionSource<bool>> _normal = [];
    private bool _held;

    public async Task<bool> EnterAsync(bool urgent, TimeSpan timeout, CancellationToken ct)
    {
        TaskCompletionSource<bool> waiter;
        LinkedListNode<TaskCompletionSource<bool>> node;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return true;
            }
            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = (urgent ? _urgent : _normal).AddLast(waiter);
        }
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(ct);
        expiry.CancelAfter(timeout);
        await using (expiry.Token.Register(() => GiveUp(node)))
        {
            var entered = await waiter.Task;
            if (ct.IsCancellationRequested)
            {
                if (entered)
                {
                    Exit();
                }
                throw new OperationCanceledException(ct);
            }
            return entered;
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            while (true)
            {
                var line = _urgent.First is not null ? _urgent : _normal;
                if (line.First is not { } next)
                {
                    _held = false;
                    return;
                }
                line.RemoveFirst();
                // A waiter that already gave up is skipped; the lock passes to the next one still waiting.
                if (next.Value.TrySetResult(true))
                {
                    return;
                }
            }
        }
    }

    private void GiveUp(LinkedListNode<TaskCompletionSource<bool>> node)
    {
        lock (_lock)
        {
            node.List?.Remove(node);
            node.Value.TrySetResult(false);
        }
    }
}
