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
        for (Party party : Party.values()) {
            defaults.put(party, toBehaviour(party, settingsOf(party, properties)));
        }
        return new SimulatorBehaviours(defaults);
    }

    private static PartySettings settingsOf(Party party, SimulatorsProperties properties) {
        return switch (party) {
            case BUREAU -> properties.getBureau();
            case ANTI_FRAUD -> properties.getAntiFraud();
            case SMS -> properties.getSms();
            case SWIFTPAY -> properties.getSwiftpay();
            case BANKWIRE -> properties.getBankwire();
            case MANUAL_DESK -> properties.getManualDesk();
            case HARBOR_CAPITAL -> properties.getHarborCapital();
            case JADE_TRUST -> properties.getJadeTrust();
        };
    }

    private static Behaviour toBehaviour(Party party, PartySettings settings) {
        try {
            return new Behaviour(settings.getLatencyMinMs(), settings.getLatencyMaxMs(), settings.getFailureRate(),
                    settings.getTimeoutAfterPayingRate(), settings.getStallMs(), settings.getPendingRate(),
                    settings.getPendingSettleMs(), settings.getRefusalRate());
        } catch (IllegalArgumentException e) {
            // A typo in deployment config should stop the process, not surface later as odd latencies.
            throw new IllegalStateException(
                    "Invalid swiftlend.simulators." + party.slug() + " settings: " + e.getMessage(), e);
        }
    }
}
