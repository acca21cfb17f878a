// Driver tests start external tools (virsh, qemu-img) and local endpoints; two cores are enough for one at a time per class.
[assembly: Xunit.v3.Parallelization(MaxThreads = 2)]
