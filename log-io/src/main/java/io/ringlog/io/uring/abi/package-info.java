/**
 * The io_uring ABI as Java constants: one descriptor class per binary layout (parameters, SQE, CQE,
 * probe) with field offsets citing {@code include/uapi/linux/io_uring.h}, plus the opcode and flag
 * values ringlog uses. Values are identical on x86-64 and arm64 (the structs use fixed-width fields).
 * Nothing here performs a system call.
 */
package io.ringlog.io.uring.abi;
