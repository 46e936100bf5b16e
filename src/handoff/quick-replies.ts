import { z } from 'zod';

/**
 * 快捷语: the shop's canned answers an agent drops into the reply box with one click. Each has both languages
 * because the agent answers in the shopper's language, whatever the console is set to.
 */
export const quickReplySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, _ . -'),
  /** What the button says in the console, per console language. */
  label: z.object({ zh: z.string().min(1).max(40), en: z.string().min(1).max(40) }),
  /** What goes into the reply box, in the shopper's language. */
  text: z.object({ zh: z.string().min(1).max(500), en: z.string().min(1).max(500) }),
});
export type QuickReply = z.infer<typeof quickReplySchema>;

export const quickReplyListSchema = z
  .array(quickReplySchema)
  .max(100)
  .refine((list) => new Set(list.map((reply) => reply.id)).size === list.length, 'ids must be unique');

/** What a shop starts with; replace it through AgentHub's `quickReplies` option or HandoffStore.setQuickReplies. */
export const defaultQuickReplies: readonly QuickReply[] = quickReplyListSchema.parse([
  {
    id: 'greeting',
    label: { zh: '问候', en: 'Greeting' },
    text: {
      zh: '亲，您好！我是人工客服，很高兴为您服务，请问有什么可以帮您？',
      en: 'Hello! I am a member of the customer-service team. How can I help you?',
    },
  },
  {
    id: 'checking',
    label: { zh: '稍等查询', en: 'Checking' },
    text: {
      zh: '好的，我这边马上为您查询，请稍等一两分钟哦。',
      en: 'Thanks, I am looking into it now; this will take a minute or two.',
    },
  },
  {
    id: 'order-number',
    label: { zh: '要订单号', en: 'Ask order no.' },
    text: {
      zh: '麻烦您提供一下订单号，我帮您核实一下。',
      en: 'Could you give me your order number so I can check it for you?',
    },
  },
  {
    id: 'apology',
    label: { zh: '致歉', en: 'Apology' },
    text: {
      zh: '非常抱歉给您带来不好的体验，我们一定会尽快为您处理。',
      en: 'I am very sorry for the trouble this has caused; we will sort it out as quickly as we can.',
    },
  },
  {
    id: 'return-label',
    label: { zh: '退货说明', en: 'Return steps' },
    text: {
      zh: '退货申请已为您登记，请在 7 天内将商品寄回，并在订单页填写快递单号，我们收到后 1–3 个工作日内退款。',
      en: 'Your return is registered. Please send the item back within 7 days and enter the tracking number on the order page; the refund follows within 1–3 working days of its arrival.',
    },
  },
  {
    id: 'anything-else',
    label: { zh: '还有其他问题吗', en: 'Anything else?' },
    text: {
      zh: '请问还有其他可以帮您的吗？',
      en: 'Is there anything else I can help you with?',
    },
  },
  {
    id: 'goodbye',
    label: { zh: '结束语', en: 'Goodbye' },
    text: {
      zh: '感谢您的耐心，祝您购物愉快！稍后会请您为本次服务打分，谢谢支持～',
      en: 'Thank you for your patience, and enjoy your shopping! You will be asked to rate this chat in a moment.',
    },
  },
]);
