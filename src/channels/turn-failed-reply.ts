import { MessageFactory, type Activity } from 'botbuilder';

const HAN = /[\u3400-\u9fff]/;

/** What a shopper reads when the bot failed on their message: in their language, without details. */
export function turnFailedReply(activity: Partial<Activity>): Partial<Activity> {
  const chinese = HAN.test(activity.text ?? '') || (activity.locale ?? '').toLowerCase().startsWith('zh');
  const text = chinese
    ? '抱歉，我这边出了点问题，请稍后再试一次。'
    : 'Sorry, something went wrong on our side. Please try again in a moment.';
  return MessageFactory.text(text, text);
}
