package com.swiftlend.simulators;

import com.swiftlend.simulators.SimulatorsProperties.PartySettings;
import com.swiftlend.simulators.behaviour.Behaviour;
import com.swiftlend.simulators.behaviour.Party;
import com.swiftlend.simulators.behaviour.SimulatorBehaviours;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnSimulatorsEnabled
@EnableConfigurationProperties(SimulatorsProperties.class)
class SimulatorsConfiguration {

    @Bean
    SimulatorBehaviours simulatorBehaviours(SimulatorsProperties properties) {
        Map<Party, Behaviour> defaults = new EnumMap<>(Party.class);
        defaults.put(Party.BUREAU, toBehaviour(Party.BUREAU, properties.getBureau()));
        defaults.put(Party.ANTI_FRAUD, toBehaviour(Party.ANTI_FRAUD, properties.getAntiFraud()));
        defaults.put(Party.SMS, toBehaviour(Party.SMS, properties.getSms()));
        defaults.put(Party.SWIFTPAY, toBehaviour(Party.SWIFTPAY, properties.getSwiftpay()));
        defaults.put(Party.BANKWIRE, toBehaviour(Party.BANKWIRE, properties.getBankwire()));
        return new SimulatorBehaviours(defaults);
    }

    private static Behaviour toBehaviour(Party party, PartySettings settings) {
        try {
            return Behaviour.of(settings.getLatencyMinMs(), settings.getLatencyMaxMs(), settings.getFailureRate());
        } catch (IllegalArgumentException e) {
            // A typo in deployment config should stop the process, not surface later as odd latencies.
            throw new IllegalStateException(
                    "Invalid swiftlend.simulators." + party.slug() + " settings: " + e.getMessage(), e);
        }
    }
}
