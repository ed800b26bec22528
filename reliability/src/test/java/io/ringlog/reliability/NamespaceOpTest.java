package io.ringlog.reliability;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulator's own check: undoing namespace operations newest first restores each earlier directory. */
class NamespaceOpTest {

    @Test
    void undoingEverySuffixShouldRestoreTheDirectoryBeforeIt() {
        byte[] old = {1, 2, 3};
        byte[] checkpoint = {9};
        Map<String, byte[]> start = new TreeMap<>(Map.of("0.log", old, "log-start-offset", checkpoint));
        List<NamespaceOp> ops = List.of(
            new NamespaceOp.Create("prepared-1.tmp"),
            new NamespaceOp.Rename("prepared-1.tmp", "prepared-1.segment", null),
            new NamespaceOp.Rename("prepared-1.segment", "8.log", null),
            new NamespaceOp.Delete("0.log", old),
            new NamespaceOp.Create("x.tmp"),
            new NamespaceOp.Rename("x.tmp", "log-start-offset", checkpoint));
        // the directory after each operation, as the live file system would show it
        List<Map<String, byte[]>> states = new java.util.ArrayList<>();
        states.add(start);
        Map<String, byte[]> d = new TreeMap<>(start);
        byte[] fresh = {7};
        d.put("prepared-1.tmp", fresh);
        states.add(new TreeMap<>(d));
        d.put("prepared-1.segment", d.remove("prepared-1.tmp"));
        states.add(new TreeMap<>(d));
        d.put("8.log", d.remove("prepared-1.segment"));
        states.add(new TreeMap<>(d));
        d.remove("0.log");
        states.add(new TreeMap<>(d));
        byte[] newCheckpoint = {10};
        d.put("x.tmp", newCheckpoint);
        states.add(new TreeMap<>(d));
        d.put("log-start-offset", d.remove("x.tmp"));
        states.add(new TreeMap<>(d));
        for (int kept = ops.size(); kept >= 0; kept--) {
            Map<String, byte[]> image = new TreeMap<>(states.get(ops.size()));
            for (int i = ops.size() - 1; i >= kept; i--) {
                ops.get(i).undo(image);
            }
            Map<String, byte[]> expected = states.get(kept);
            assertEquals(expected.keySet(), image.keySet(), "keeping " + kept + " operations");
            expected.forEach((name, bytes) -> assertArrayEquals(bytes, image.get(name), name));
        }
    }
}
