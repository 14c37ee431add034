import NIOCore

/// A task executor that runs its jobs on one NIO event loop: the shards' tasks run where the connections' frames are
/// read and their answers written, so that handing a frame to its shard, and the shard's answer back, is a job on the
/// same thread rather than a wake of another (two context switches an event at most, where there were four).
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
