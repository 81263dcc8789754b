using Microsoft.Extensions.Logging.Abstractions;
using NewsBot.Delivery;
using NewsBot.Hosting;
using NewsBot.Polling;
using NewsBot.Storage;

namespace NewsBot.Tests.Delivery;

/// <summary>A delivery worker wired as the host wires it (posts, source edits, notices), for tests that drive rounds by hand.</summary>
public static class TestWorkers
{
    public static DeliveryWorker Delivery(DbFactory dbs, IEnumerable<IChannelSender> senders, TimeProvider time, string instance = "test", WorkerOptions? options = null)
    {
        var worker = options ?? new WorkerOptions();
        var name = new InstanceName(instance);
        return new DeliveryWorker(dbs, senders, new DeliverySignal(),
            new MergedSourceEdits(dbs, worker, name, time, NullLogger<MergedSourceEdits>.Instance),
            new NoticeDelivery(dbs, worker, name, time, NullLogger<NoticeDelivery>.Instance),
            worker, name, time, NullLogger<DeliveryWorker>.Instance);
    }
}
