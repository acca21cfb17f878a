// Driver tests start external tools (virsh, qemu-img) and local endpoints; two cores are enough for one at a time per class.
// (xunit.v3 4.x made CollectionBehavior.MaxParallelThreads an error; Parallelization.MaxThreads replaces it.)
[assembly: Xunit.v3.Parallelization(MaxThreads = 2)]
