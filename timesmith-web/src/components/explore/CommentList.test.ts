import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ApiError } from '../../api/http'
import { deleteComment, updateComment } from '../../api/timesketch'
import type { Comment } from '../../api/types'
import { session } from '../../store'
import { stubViewport, vuetifyGlobal } from '../../testing'
import CommentList from './CommentList.vue'

vi.mock('../../api/timesketch', async (original) => ({
  ...(await original<typeof import('../../api/timesketch')>()),
  updateComment: vi.fn(),
  deleteComment: vi.fn(),
}))

const hit = { _id: 'e1', _index: 'idx', _source: {} }
const comments: Comment[] = [
  { id: 1, comment: 'mine', user: { username: 'alice' }, created_at: '2024-03-01T10:00:00.000000', updated_at: '2024-03-01T10:00:00.000000' },
  { id: 2, comment: 'theirs', user: { username: 'bob' }, created_at: '2024-03-01T11:00:00.000000', updated_at: '2024-03-01T12:30:00.000000' },
]

function mountList() {
  return mount(CommentList, { global: vuetifyGlobal(), props: { sketchId: 3, hit, comments, me: 'alice', timeZone: 'Europe/Berlin' } })
}

beforeAll(stubViewport)
afterAll(() => vi.unstubAllGlobals())
afterEach(() => {
  vi.clearAllMocks()
  session.notices = []
})

describe('CommentList', () => {
  it('shows author and time of every comment, in the display zone, and when it was edited', () => {
    const wrapper = mountList()
    const metas = wrapper.findAll('[data-test=comment-meta]').map((m) => m.text())
    expect(metas[0]).toBe('alice 2024-03-01 11:00:00')
    expect(metas[1]).toBe('bob 2024-03-01 12:00:00 (edited 2024-03-01 13:30:00)')
  })

  it('offers edit and delete only on the user\'s own comments', () => {
    const wrapper = mountList()
    const rows = wrapper.findAll('[data-test=comment]')
    expect(rows[0].find('[data-test=comment-edit]').exists()).toBe(true)
    expect(rows[0].find('[data-test=comment-delete]').exists()).toBe(true)
    expect(rows[1].find('[data-test=comment-edit]').exists()).toBe(false)
    expect(rows[1].find('[data-test=comment-delete]').exists()).toBe(false)
  })

  it('edits a comment in place and hands the new list up', async () => {
    vi.mocked(updateComment).mockResolvedValue({ ...comments[0], comment: 'changed', updated_at: '2024-03-02T09:00:00' })
    const wrapper = mountList()
    await wrapper.find('[data-test=comment-edit]').trigger('click')
    await wrapper.find('[data-test=comment-edit-input] textarea').setValue('  changed ')
    await wrapper.find('[data-test=comment-edit-save]').trigger('click')
    await flushPromises()
    expect(updateComment).toHaveBeenCalledWith(3, hit, 1, 'changed')
    const next = wrapper.emitted('update:comments')![0][0] as Comment[]
    expect(next.map((c) => c.comment)).toEqual(['changed', 'theirs'])
    expect(next[0].updated_at).toBe('2024-03-02T09:00:00')
  })

  it('does not save an empty edit', async () => {
    const wrapper = mountList()
    await wrapper.find('[data-test=comment-edit]').trigger('click')
    await wrapper.find('[data-test=comment-edit-input] textarea').setValue('   ')
    expect(wrapper.find('[data-test=comment-edit-save]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-test=comment-edit-input] textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(updateComment).not.toHaveBeenCalled()
  })

  it('deletes a comment and hands up the list without it', async () => {
    vi.mocked(deleteComment).mockResolvedValue()
    const wrapper = mountList()
    await wrapper.find('[data-test=comment-delete]').trigger('click')
    await flushPromises()
    expect(deleteComment).toHaveBeenCalledWith(3, hit, 1)
    expect((wrapper.emitted('update:comments')![0][0] as Comment[]).map((c) => c.id)).toEqual([2])
  })

  it('shows the server\'s refusal and keeps the list', async () => {
    vi.mocked(deleteComment).mockRejectedValue(new ApiError(403, 'User is not owner of the comment.'))
    const wrapper = mountList()
    await wrapper.find('[data-test=comment-delete]').trigger('click')
    await flushPromises()
    expect(wrapper.emitted('update:comments')).toBeUndefined()
    expect(session.notices.at(-1)?.text).toBe('Could not delete the comment: User is not owner of the comment.')
  })
})
