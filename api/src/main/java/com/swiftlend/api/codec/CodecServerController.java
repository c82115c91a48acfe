package com.swiftlend.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.swiftlend.protection.payload.EncryptingPayloadCodec;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import com.swiftlend.api.ratelimit.RateLimitDimension;
import com.swiftlend.api.ratelimit.RateLimiter;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, so an operator's Temporal UI (or the temporal CLI) can show
 * workflow histories decrypted, while the Temporal service and its database only ever hold
 * ciphertext. The UI posts {@code {"payloads":[...]}} in Temporal's protobuf JSON form and gets the
 * same shape back.
 *
 * <p>Reading decrypted histories exposes personal data: only operators may (see the security
 * configuration); the Temporal UI passes the operator's bearer token along. Each decode counts
 * against the operator's own rate limit and is on the audit trail (who, which payloads).
 */
@RestController
@RequestMapping(path = "/codec", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
class CodecServerController {

    private final ObjectProvider<EncryptingPayloadCodec> codec;
    private final RateLimiter limiter;
    private final AuditTrail audit;
    private final Clock clock;

    CodecServerController(ObjectProvider<EncryptingPayloadCodec> codec, RateLimiter limiter, AuditTrail audit,
            Clock clock) {
        this.codec = codec;
        this.limiter = limiter;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/encode")
    ResponseEntity<?> encode(@RequestBody String body) {
        return apply(body, true, null, null);
    }

    @PostMapping("/decode")
    ResponseEntity<?> decode(@RequestBody String body, Authentication operator,
            @RequestHeader(name = "X-Namespace", required = false) String namespace) {
        limiter.check(RateLimitDimension.DECODER, operator.getName());
        return apply(body, false, operator.getName(), namespace);
    }

    private ResponseEntity<?> apply(String body, boolean encode, String operator, String namespace) {
        PayloadCodec payloadCodec = codec.getIfAvailable();
        if (payloadCodec == null) {
            return ResponseEntity.notFound().build();
        }
        try {
            Payloads.Builder payloads = Payloads.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(body, payloads);
            List<io.temporal.api.common.v1.Payload> result;
            if (encode) {
                result = payloadCodec.encode(payloads.getPayloadsList());
            } else {
                result = payloadCodec.decode(payloads.getPayloadsList());
                // Recorded before the answer leaves: a decode that is not on the trail did not happen.
                audit.append(new AuditEvent.PayloadsDecoded(operator, shortened(namespace),
                        payloads.getPayloadsList().stream().map(p -> sha256(p.getData().toByteArray())).toList(),
                        clock.instant(), UUID.randomUUID().toString()));
            }
            return ResponseEntity.ok(JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(result)));
        } catch (InvalidProtocolBufferException | PayloadCodecException | IllegalArgumentException e) {
            return ResponseEntity.badRequest()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                            "Not payloads this codec can " + (encode ? "encode" : "decode") + "."));
        }
    }

    /** The namespace header is the client's word: kept short so it cannot bloat the trail. */
    private static String shortened(String namespace) {
        return namespace == null || namespace.length() <= 64 ? namespace : namespace.substring(0, 64);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
