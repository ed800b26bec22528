package io.ringlog.reliability;

/**
 * The knobs every reliability suite reads from system properties, so one command runs the short
 * default, the long run, or a replay of one seed:
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>reliability.long</td><td>false</td><td>true runs the long trial counts / soak duration</td></tr>
 *   <tr><td>reliability.seed</td><td>(none)</td><td>run exactly one trial with this seed (replay)</td></tr>
 *   <tr><td>reliability.trials</td><td>(suite default)</td><td>override the number of trials</td></tr>
 *   <tr><td>reliability.firstSeed</td><td>(suite default)</td><td>seed of the first trial; trial i uses firstSeed + i</td></tr>
 *   <tr><td>reliability.soakSeconds</td><td>30 (long: 1800)</td><td>duration of each soak (log-core and broker)</td></tr>
 * </table>
 *
 * <p>Thread-safety: immutable, safe from any thread.
 */
final class Trials {
    private Trials() {
    }

    /** True with {@code -Dreliability.long=true}. */
    static boolean longRun() {
        return Boolean.parseBoolean(prop("reliability.long"));
    }

    /**
     * The seeds to run: the replay seed alone when {@code reliability.seed} is set, else {@code count}
     * (short or long, or {@code reliability.trials}) consecutive seeds from {@code firstSeed}.
     */
    static long[] seeds(long defaultFirstSeed, int shortCount, int longCount) {
        String replay = prop("reliability.seed");
        if (replay != null) {
            return new long[] {Long.parseLong(replay)};
        }
        String trials = prop("reliability.trials");
        int count = trials != null ? Integer.parseInt(trials) : longRun() ? longCount : shortCount;
        String first = prop("reliability.firstSeed");
        long firstSeed = first != null ? Long.parseLong(first) : defaultFirstSeed;
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = firstSeed + i;
        }
        return seeds;
    }

    /**
     * The random source of trial {@code seed}. {@code new Random(seed)} for consecutive seeds gives
     * strongly correlated first draws (with seeds 7000..7199, {@code nextInt(3)} chose the same write path
     * in 3 of 4 trials), so the seed is mixed first (SplittableRandom's mix64).
     */
    static java.util.Random random(long seed) {
        return new java.util.Random(new java.util.SplittableRandom(seed).nextLong());
    }

    /** Soak duration in seconds: 30 s by default (issue 7: "30 s in CI"), 30 min in the long run. */
    static long soakSeconds() {
        String s = prop("reliability.soakSeconds");
        return s != null ? Long.parseLong(s) : longRun() ? 1800 : 30;
    }

    /** A property, or null when unset or blank (Maven passes empty strings for unset properties). */
    static String prop(String name) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
