package io.ringlog.broker.api;

import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;

import java.util.EnumMap;
import java.util.Map;

/**
 * The APIs and versions this broker handles, and so advertises in ApiVersions: exactly these.
 * Upper bounds stop before versions that need what ringlog lacks: Fetch 18 carries follower state,
 * ListOffsets 7+ asks for max-timestamp and tiered offsets, InitProducerId 6 adds two-phase commit,
 * OffsetCommit and OffsetFetch 10 name topics by id only (KIP-848 consumers). The KIP-848 APIs
 * (ConsumerGroupHeartbeat, ConsumerGroupDescribe) are not advertised: a 4.x consumer then uses the
 * classic protocol, and an admin client falls back to DescribeGroups. Produce is advertised from 0 although only 3+ is handled, as Apache Kafka 4 does
 * (KAFKA-18659: librdkafka refuses a broker whose Produce range does not start at 0); a Produce
 * request below 3 closes the connection.
 *
 * <p>Thread-safety: immutable.
 */
public final class SupportedApis {
    private record Range(short min, short max) {
    }

    private static final Map<ApiKeys, Range> HANDLED = new EnumMap<>(ApiKeys.class);
    private static final short PRODUCE_ADVERTISED_MIN = 0;

    static {
        put(ApiKeys.API_VERSIONS, 0, 4);
        put(ApiKeys.METADATA, 0, 13);
        put(ApiKeys.PRODUCE, 3, 13);
        put(ApiKeys.FETCH, 4, 17);
        put(ApiKeys.LIST_OFFSETS, 1, 6);
        put(ApiKeys.CREATE_TOPICS, 2, 7);
        put(ApiKeys.DELETE_TOPICS, 1, 6);
        put(ApiKeys.CREATE_PARTITIONS, 0, 3);
        put(ApiKeys.DESCRIBE_CONFIGS, 1, 4);
        put(ApiKeys.INIT_PRODUCER_ID, 0, 5);
        put(ApiKeys.DELETE_RECORDS, 0, 2);
        put(ApiKeys.FIND_COORDINATOR, 0, 6);
        put(ApiKeys.JOIN_GROUP, 0, 9);
        put(ApiKeys.SYNC_GROUP, 0, 5);
        put(ApiKeys.HEARTBEAT, 0, 4);
        put(ApiKeys.LEAVE_GROUP, 0, 5);
        put(ApiKeys.OFFSET_COMMIT, 2, 9);
        put(ApiKeys.OFFSET_FETCH, 1, 9);
        put(ApiKeys.LIST_GROUPS, 0, 5);
        put(ApiKeys.DESCRIBE_GROUPS, 0, 6);
        put(ApiKeys.DELETE_GROUPS, 0, 2);
        put(ApiKeys.OFFSET_DELETE, 0, 0);
    }

    private SupportedApis() {
    }

    private static void put(ApiKeys key, int min, int max) {
        HANDLED.put(key, new Range((short) min, (short) max));
    }

    /** True when the broker handles this API at this version. */
    public static boolean isHandled(ApiKeys key, short version) {
        Range r = HANDLED.get(key);
        return r != null && version >= r.min && version <= r.max;
    }

    /** The ApiVersions list: every handled API with its range. */
    public static ApiVersionCollection advertised() {
        ApiVersionCollection out = new ApiVersionCollection();
        HANDLED.forEach((key, r) -> out.add(new ApiVersion().setApiKey(key.id)
            .setMinVersion(key == ApiKeys.PRODUCE ? PRODUCE_ADVERTISED_MIN : r.min).setMaxVersion(r.max)));
        return out;
    }

    /** The advertised range of ApiVersions itself (for the UNSUPPORTED_VERSION answer). */
    public static ApiVersionCollection apiVersionsOnly() {
        Range r = HANDLED.get(ApiKeys.API_VERSIONS);
        ApiVersionCollection out = new ApiVersionCollection();
        out.add(new ApiVersion().setApiKey(ApiKeys.API_VERSIONS.id).setMinVersion(r.min).setMaxVersion(r.max));
        return out;
    }
}
