package io.ringlog.broker.group;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a classic consumer group, with Kafka's names (as ListGroups and DescribeGroups
 * report them) and the states each may be entered from.
 *
 * <pre>
 * Empty --join--> PreparingRebalance --all joined or rebalance timeout--> CompletingRebalance
 *   ^                 ^   |                                                   |  leader's SyncGroup stored
 *   |                 |   +--no member left--> Empty                          v
 *   +--DeleteGroups-> Dead       PreparingRebalance <--join/leave/expiry-- Stable
 * </pre>
 *
 * <p>Thread-safety: immutable.
 */
public enum GroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The name Kafka uses on the wire. */
    public String kafkaName() {
        return kafkaName;
    }

    /** The states this one may be entered from. */
    Set<GroupState> validPrevious() {
        return switch (this) {
            case EMPTY -> EnumSet.of(PREPARING_REBALANCE);
            case PREPARING_REBALANCE -> EnumSet.of(STABLE, COMPLETING_REBALANCE, EMPTY);
            case COMPLETING_REBALANCE -> EnumSet.of(PREPARING_REBALANCE);
            case STABLE -> EnumSet.of(COMPLETING_REBALANCE);
            case DEAD -> EnumSet.of(STABLE, PREPARING_REBALANCE, COMPLETING_REBALANCE, EMPTY, DEAD);
        };
    }
}
