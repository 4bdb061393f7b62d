import { createRouter, createWebHashHistory } from 'vue-router'

// Hash history: the server only has to serve index.html at "/", and login's `next=/` lands here.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'sketches', component: () => import('./views/SketchList.vue') },
    {
      path: '/sketch/:sketchId(\\d+)',
      component: () => import('./views/SketchLayout.vue'),
      props: (route) => ({ sketchId: Number(route.params.sketchId) }),
      children: [
        { path: '', redirect: (to) => `/sketch/${to.params.sketchId}/explore` },
        { path: 'explore', name: 'explore', component: () => import('./views/Explore.vue') },
        { path: 'overview', name: 'overview', component: () => import('./views/Overview.vue') },
        { path: 'aggregate', name: 'aggregate', component: () => import('./views/Aggregations.vue') },
        { path: 'stories', name: 'stories', component: () => import('./views/Stories.vue') },
        { path: 'stories/:storyId(\\d+)', name: 'story', component: () => import('./views/Stories.vue') },
        { path: 'analyze', name: 'analyze', component: () => import('./views/Analyze.vue') },
        { path: 'investigate', name: 'investigate', component: () => import('./views/Investigation.vue') },
        { path: 'sigma', name: 'sigma', component: () => import('./views/Sigma.vue') },
        { path: 'graphs', name: 'graphs', component: () => import('./views/Graphs.vue') },
      ],
    },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})
