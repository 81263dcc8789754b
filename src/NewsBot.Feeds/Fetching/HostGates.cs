namespace NewsBot.Feeds.Fetching;

/// <summary>
/// At most N requests in flight per host, so one busy site is not hammered when many of its feeds fall due together.
/// A host's entry lives only while someone holds or awaits it, so tens of thousands of hosts do not pile up.
/// </summary>
internal sealed class HostGates(int perHost)
{
    private readonly Dictionary<string, Gate> gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Hosts with a request in flight or waiting.</summary>
    public int Count
    {
        get
        {
            lock (gates)
            {
                return gates.Count;
            }
        }
    }

    public async Task<IDisposable> EnterAsync(string host, CancellationToken ct)
    {
        Gate gate;
        lock (gates)
        {
            if (!gates.TryGetValue(host, out gate!))
            {
                gate = new Gate(perHost);
                gates.Add(host, gate);
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Leave(host, gate, entered: false);
            throw;
        }

        return new Lease(this, host, gate);
    }

    private void Leave(string host, Gate gate, bool entered)
    {
        if (entered)
        {
            gate.Semaphore.Release();
        }

        lock (gates)
        {
            if (--gate.Users == 0)
            {
                gates.Remove(host);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate(int perHost)
    {
        public SemaphoreSlim Semaphore { get; } = new(perHost, perHost);
        public int Users { get; set; }
    }

    private sealed class Lease(HostGates owner, string host, Gate gate) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Leave(host, gate, entered: true);
            }
        }
    }
}
