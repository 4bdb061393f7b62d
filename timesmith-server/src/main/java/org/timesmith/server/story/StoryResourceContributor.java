package org.timesmith.server.story;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.sketch.SketchResourceContributor;

/** Puts the sketch's stories into {@code meta.stories} of the sketch resource (§3.1). */
@Component
public class StoryResourceContributor implements SketchResourceContributor {

    private final StoryService stories;

    public StoryResourceContributor(StoryService stories) {
        this.stories = stories;
    }

    @Override
    public void contribute(SketchAccess access, Map<String, Object> meta) {
        meta.put("stories", stories.list(access).stream().map(stories::summary).toList());
    }
}
