package io.ringlog.bench;

import java.io.IOException;
import java.util.List;

/**
 * A {@link Trial} over in-process {@link Contender}s (one per appending thread), measured by
 * {@link Measurement}.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class MeasuredTrial implements Trial {
    private final List<Contender> contenders;
    private final Measurement.Plan plan;

    public MeasuredTrial(List<Contender> contenders, Measurement.Plan plan) {
        if (contenders.isEmpty()) {
            throw new IllegalArgumentException("a trial needs at least one contender");
        }
        this.contenders = List.copyOf(contenders);
        this.plan = plan;
    }

    @Override
    public String name() {
        return contenders.getFirst().backend();
    }

    @Override
    public String note() {
        return contenders.getFirst().note();
    }

    @Override
    public int threads() {
        return contenders.size();
    }

    @Override
    public RoundSample runRound() throws Exception {
        return Measurement.run(contenders, plan);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Contender c : contenders) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
