package io.ringlog.bench;

/**
 * A {@link Trial} over an in-process {@link Contender}, measured by {@link Measurement}.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class MeasuredTrial implements Trial {
    private final Contender contender;
    private final Measurement.Plan plan;

    public MeasuredTrial(Contender contender, Measurement.Plan plan) {
        this.contender = contender;
        this.plan = plan;
    }

    @Override
    public String name() {
        return contender.backend();
    }

    @Override
    public String note() {
        return contender.note();
    }

    @Override
    public RoundSample runRound() throws Exception {
        return Measurement.run(contender, plan);
    }

    @Override
    public void close() throws Exception {
        contender.close();
    }
}
