// Driver tests start external tools (virsh, qemu-img) and local endpoints; two cores are enough for one at a time per class.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
