/**
 * The logic of {@code ringlog dump} and {@code ringlog verify}: read-only walks over segment files with the
 * same validation rules as recovery.
 */
package io.ringlog.core.tools;
