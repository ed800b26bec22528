package io.ringlog.core;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static io.ringlog.core.LogTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random sequences of append / truncate / deleteRecordsBefore / clean reopen / crash reopen against an
 * in-memory model (a list of values and a start offset). jqwik reports the seed of a failing run.
 */
class LogPropertyTest {
    private Path root;

    @BeforeTry
    void createDir() throws IOException {
        root = Files.createTempDirectory("ringlog-prop");
    }

    @AfterTry
    void deleteDir() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    sealed interface Action permits Append, Truncate, DeleteBefore, Reopen, Crash {
    }

    record Append(int count, int size) implements Action {
    }

    record Truncate(int percent) implements Action {
    }

    record DeleteBefore(int percent) implements Action {
    }

    record Reopen() implements Action {
    }

    record Crash() implements Action {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> append = Arbitraries.integers().between(1, 60)
            .flatMap(n -> Arbitraries.integers().between(0, 900).map(sz -> new Append(n, sz)));
        Arbitrary<Action> truncate = Arbitraries.integers().between(0, 100).map(Truncate::new);
        Arbitrary<Action> delete = Arbitraries.integers().between(0, 100).map(DeleteBefore::new);
        Arbitrary<Action> reopen = Arbitraries.just(new Reopen());
        Arbitrary<Action> crash = Arbitraries.just(new Crash());
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, append), net.jqwik.api.Tuple.of(1, truncate), net.jqwik.api.Tuple.of(1, delete),
            net.jqwik.api.Tuple.of(1, reopen), net.jqwik.api.Tuple.of(1, crash)).list().ofMaxSize(14);
    }

    @Property(tries = 20)
    void logShouldBehaveLikeAList(@ForAll("actions") List<Action> actions) throws IOException {
        List<String> model = new ArrayList<>();
        long start = 0;
        int generation = 0;
        int counter = 0;
        Path dir = root.resolve("g0");
        Log log = Log.open(dir, small().build());
        try {
            for (Action a : actions) {
                switch (a) {
                    case Append ap -> {
                        for (int i = 0; i < ap.count(); i++) {
                            String v = (counter++) + ":" + "z".repeat(ap.size());
                            assertEquals(start + model.size(), log.append(utf8(v)));
                            model.add(v);
                        }
                    }
                    case Truncate t -> {
                        long to = start + (long) model.size() * t.percent() / 100;
                        log.truncateTo(to);
                        model.subList((int) (to - start), model.size()).clear();
                    }
                    case DeleteBefore d -> {
                        long to = start + (long) model.size() * d.percent() / 100;
                        log.deleteRecordsBefore(to);
                        model.subList(0, (int) (to - start)).clear();
                        start = to;
                    }
                    case Reopen r -> {
                        log.close();
                        log = Log.open(dir, small().build());
                    }
                    case Crash c -> {
                        Path copy = crashCopy(dir, root.resolve("g" + (++generation)));
                        log.close();
                        dir = copy;
                        log = Log.open(dir, small().build());
                    }
                }
                assertEquals(start, log.startOffset(), "start after " + a);
                assertEquals(start + model.size(), log.endOffset(), "end after " + a);
            }
            assertEquals(model, readValues(log, start));
        } finally {
            log.close();
        }
    }
}
