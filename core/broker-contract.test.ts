import { expect } from '@open-wc/testing';
import { BROKER_ROUTES, brokerPath } from './broker-contract.ts';

describe('the broker contract', () => {
  it('fills a route’s parameters, each URL-encoded, so a brand or bot id cannot leave its segment', () => {
    expect(brokerPath(BROKER_ROUTES.chatbotToken, { brand: 'b/1', bot: 'listing assistant' })).to.equal('/brands/b%2F1/chatbots/listing%20assistant/token');
    expect(brokerPath(BROKER_ROUTES.mosaicGroup, { id: '../x' })).to.equal('/admin/mosaic/groups/..%2Fx');
    expect(brokerPath(BROKER_ROUTES.session, {})).to.equal('/session');
  });
});
