using System.Threading.Channels;

namespace NewsBot.Delivery;

/// <summary>Wakes the delivery worker as soon as new outbox rows are committed, so posts don't wait for the next poll.</summary>
public sealed class DeliverySignal
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _signal.Writer.TryWrite(true);

    /// <summary>Returns when woken, or after <paramref name="timeout"/> on <paramref name="time"/>'s clock, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var elapsed = new CancellationTokenSource(timeout, time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, elapsed.Token);
        try
        {
            await _signal.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}
