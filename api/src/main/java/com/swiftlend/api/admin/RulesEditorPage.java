package com.swiftlend.api.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The rule editor's page at {@code /admin/rules}: static files served by the app itself, dmn-js
 * included (committed under {@code static/admin/vendor}, refreshed by {@code
 * scripts/refresh-dmn-js.sh}), so nothing is loaded from the internet. The page is public; every
 * call it makes carries the rule editor's token.
 */
@Configuration(proxyBeanMethods = false)
class RulesEditorPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/admin/rules").setViewName("forward:/admin/rules/index.html");
    }
}
