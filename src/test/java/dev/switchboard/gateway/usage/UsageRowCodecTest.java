package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Request ids come back exactly as given, packed when the gateway made them, kept as text otherwise. */
class UsageRowCodecTest {
    @Test
    void theGatewaysRequestIdsArePackedAndComeBackExactly() {
        for (String id : new String[] {"rq_00000000000000000000000000", "rq_zzzzzzzzzzzzzzzzzzzzzzzzzz",
                "rq_0a1b2c3d4e5f6g7h8i9j0k1l2m", "rq_k3v9q0x7m2p5w8c1b4n6z0y3t7"}) {
            Object packed = UsageRowCodec.packRequestId(id);
            assertThat(packed).isInstanceOf(byte[].class);
            assertThat((byte[]) packed).hasSize(18);
            assertThat(UsageRowCodec.unpackRequestId(packed)).isEqualTo(id);
        }
    }

    @Test
    void anyOtherRequestIdIsKeptAsText() {
        for (String id : new String[] {"rq_0", "rq_0A1b2c3d4e5f6g7h8i9j0k1l2m", "req-7f3e", "rq_0a1b2c3d4e5f6g7h8i9j0k1l2m_",
                "xx_0a1b2c3d4e5f6g7h8i9j0k1l2m", ""}) {
            assertThat(UsageRowCodec.packRequestId(id)).isEqualTo(id);
            assertThat(UsageRowCodec.unpackRequestId(id)).isEqualTo(id);
        }
        assertThat(UsageRowCodec.packRequestId(null)).isNull();
    }
}
