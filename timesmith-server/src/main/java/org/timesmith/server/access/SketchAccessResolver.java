package org.timesmith.server.access;

import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.timesmith.server.auth.CurrentUser;

/**
 * Supplies a {@link SketchAccess} parameter annotated {@link SketchPermission} or
 * {@link ActiveSketchPermission}: reads the sketch id from the path variable {@code sketchId}
 * (converted as {@code @PathVariable long} would be, with the same 400 for a non-number) and runs
 * the permission check for the current user.
 */
final class SketchAccessResolver implements HandlerMethodArgumentResolver {

    private final CurrentUser currentUser;
    private final PermissionService permissions;

    SketchAccessResolver(CurrentUser currentUser, PermissionService permissions) {
        this.currentUser = currentUser;
        this.permissions = permissions;
    }

    static final String PATH_VARIABLE = "sketchId";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SketchAccess.class
                && (parameter.hasParameterAnnotation(SketchPermission.class)
                || parameter.hasParameterAnnotation(ActiveSketchPermission.class));
    }

    @Override
    public SketchAccess resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                        NativeWebRequest request, WebDataBinderFactory binderFactory)
            throws Exception {
        long sketchId = sketchId(parameter, PATH_VARIABLE, request, binderFactory);
        SketchPermission any = parameter.getParameterAnnotation(SketchPermission.class);
        if (any != null) {
            return permissions.require(currentUser.get(), sketchId, any.value());
        }
        ActiveSketchPermission active = parameter.getParameterAnnotation(ActiveSketchPermission.class);
        return permissions.requireActive(currentUser.get(), sketchId, active.value());
    }

    private static long sketchId(MethodParameter parameter, String name, NativeWebRequest request,
                                 WebDataBinderFactory binderFactory) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        String value = variables == null ? null : variables.get(name);
        if (value == null) {
            throw new MissingPathVariableException(name, parameter);
        }
        try {
            Long id = binderFactory.createBinder(request, null, name).convertIfNecessary(value, long.class, parameter);
            return id;
        } catch (TypeMismatchException e) {
            throw new MethodArgumentTypeMismatchException(value, long.class, name, parameter, e.getCause());
        }
    }
}
