package org.timesmith.server.access;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.timesmith.server.auth.CurrentUser;

/** Registers {@link SketchAccessResolver} with Spring MVC. */
@Configuration(proxyBeanMethods = false)
class AccessConfig implements WebMvcConfigurer {

    private final CurrentUser currentUser;
    private final PermissionService permissions;

    AccessConfig(CurrentUser currentUser, PermissionService permissions) {
        this.currentUser = currentUser;
        this.permissions = permissions;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new SketchAccessResolver(currentUser, permissions));
    }
}
