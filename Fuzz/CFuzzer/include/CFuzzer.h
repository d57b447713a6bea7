#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, FuzzerDriver.cpp), for a `main` of our own: SwiftPM links an
/// executable target's `main` to `<module>_main`, which libFuzzer's own `main` cannot be.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
