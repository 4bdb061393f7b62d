/**
 * Helpers for the unit tests (only tests import this): a component to run a composable in, a
 * router in memory, and what Vuetify's dialogs and menus need from jsdom.
 */
import { vi } from 'vitest'
import { defineComponent, type Plugin } from 'vue'
import { mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createVuetify } from 'vuetify'

/** Runs `fn` in the setup of a mounted component (for lifecycle hooks, inject, useRoute). */
export function withSetup<T>(fn: () => T, plugins: Plugin[] = []) {
  let result!: T
  const wrapper = mount(
    defineComponent({
      setup() {
        result = fn()
        return () => null
      },
    }),
    { global: { plugins } },
  )
  return { result, wrapper }
}

/** A router in memory with one route, already at `path`. */
export async function memoryRouter(path = '/') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] })
  await router.push(path)
  await router.isReady()
  return router
}

/** The mounting options of a component that uses Vuetify (router links are stubbed). */
export const vuetifyGlobal = () => ({ plugins: [createVuetify()], stubs: { 'router-link': true } })

/** Vuetify's dialogs and menus measure the viewport, which jsdom lacks: call in beforeAll (undo with vi.unstubAllGlobals). */
export function stubViewport() {
  vi.stubGlobal('visualViewport', Object.assign(new EventTarget(), { width: 1024, height: 768, offsetLeft: 0, offsetTop: 0, scale: 1 }))
  if (!('ResizeObserver' in globalThis)) {
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    )
  }
}

/** An element of a dialog or menu, which Vuetify renders at the end of the document. */
export const inDocument = (selector: string) => document.querySelector<HTMLElement>(selector)
