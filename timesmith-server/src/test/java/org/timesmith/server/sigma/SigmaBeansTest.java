package org.timesmith.server.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.timesmith.analysis.sigma.SigmaRule;

class SigmaBeansTest {

    private static final String RULE = """
            title: Admin logon
            logsource: {product: none}
            detection:
                sel:
                    SubjectUserName|expand: '%Admins%'
                condition: sel
            """;

    @Test
    void expandPlaceholdersComeFromTheConfiguration() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of(SigmaBeans.PLACEHOLDERS + ".Admins", "root,Administrator")));
        String query = new SigmaBeans().sigmaConverter(environment).toQuery(SigmaRule.parse(RULE, "admins.yml"));
        // Timesketch maps SubjectUserName to xml_string.
        assertThat(query).contains("xml_string:root").contains("xml_string:Administrator");
    }

    @Test
    void withoutValuesAPlaceholderIsAClearError() {
        StandardEnvironment environment = new StandardEnvironment();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SigmaBeans().sigmaConverter(environment)
                        .toQuery(SigmaRule.parse(RULE, "admins.yml")))
                .hasMessageContaining("rule 'admins.yml': placeholder '%Admins%'");
    }
}
