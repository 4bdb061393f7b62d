import { createApp } from 'vue'
import { createVuetify } from 'vuetify'
import 'vuetify/styles'
import '@mdi/font/css/materialdesignicons.css'
import './app.css'
import App from './App.vue'
import { router } from './router'
import { loadTheme } from './model/prefs'

const vuetify = createVuetify({
  theme: {
    defaultTheme: loadTheme(),
    themes: {
      light: { colors: { primary: '#3f51b5', secondary: '#607d8b' } },
      dark: { colors: { primary: '#8c9eff', secondary: '#90a4ae' } },
    },
  },
  defaults: {
    VBtn: { variant: 'text' },
    VTextField: { density: 'compact', variant: 'outlined', hideDetails: 'auto' },
    VSelect: { density: 'compact', variant: 'outlined', hideDetails: 'auto' },
    VTextarea: { density: 'compact', variant: 'outlined', hideDetails: 'auto' },
    VCombobox: { density: 'compact', variant: 'outlined', hideDetails: 'auto' },
    VAutocomplete: { density: 'compact', variant: 'outlined', hideDetails: 'auto' },
    VCard: { variant: 'flat' },
  },
})

createApp(App).use(vuetify).use(router).mount('#app')
