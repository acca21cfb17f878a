// Driver tests start external tools (virsh, qemu-img) and local endpoints; two cores are enough for one at a time per class.
// (xunit.v3 4.x moved the thread limit from CollectionBehavior, where it is now an error, to Parallelization.)
[assembly: Xunit.v3.Parallelization(MaxThreads = 2)]
