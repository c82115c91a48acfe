package com.swiftlend.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.swiftlend.protection.payload.EncryptingPayloadCodec;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
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
 * configuration); the Temporal UI passes the operator's bearer token along.
 */
@RestController
@RequestMapping(path = "/codec", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
class CodecServerController {

    private final ObjectProvider<EncryptingPayloadCodec> codec;

    CodecServerController(ObjectProvider<EncryptingPayloadCodec> codec) {
        this.codec = codec;
    }

    @PostMapping("/encode")
    ResponseEntity<?> encode(@RequestBody String body) {
        return apply(body, true);
    }

    @PostMapping("/decode")
    ResponseEntity<?> decode(@RequestBody String body) {
        return apply(body, false);
    }

    private ResponseEntity<?> apply(String body, boolean encode) {
        PayloadCodec payloadCodec = codec.getIfAvailable();
        if (payloadCodec == null) {
            return ResponseEntity.notFound().build();
        }
        try {
            Payloads.Builder payloads = Payloads.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(body, payloads);
            List<io.temporal.api.common.v1.Payload> result = encode
                    ? payloadCodec.encode(payloads.getPayloadsList())
                    : payloadCodec.decode(payloads.getPayloadsList());
            return ResponseEntity.ok(JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(result)));
        } catch (InvalidProtocolBufferException | PayloadCodecException | IllegalArgumentException e) {
            return ResponseEntity.badRequest()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                            "Not payloads this codec can " + (encode ? "encode" : "decode") + "."));
        }
    }
}
