// Filled in by the mutations work in progress.
