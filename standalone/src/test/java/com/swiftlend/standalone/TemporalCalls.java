package com.swiftlend.standalone;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the calls this process makes to the Temporal service, by method (QueryWorkflow,
 * SignalWorkflowExecution, ...), as they leave: what a test needs to see that a request sent none.
 * Temporal's own metrics are reported only every ten seconds.
 */
@TestConfiguration(proxyBeanMethods = false)
class TemporalCalls {

    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

    static long made(String method) {
        LongAdder calls = CALLS.get(method);
        return calls == null ? 0 : calls.sum();
    }

    @Bean
    TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> countTemporalCalls() {
        ClientInterceptor counter = new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options,
                    Channel next) {
                CALLS.computeIfAbsent(method.getBareMethodName(), name -> new LongAdder()).increment();
                return next.newCall(method, options);
            }
        };
        return builder -> builder.setGrpcClientInterceptors(List.of(counter));
    }
}
