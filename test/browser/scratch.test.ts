import { startServers, launchBrowser, newContext, phoneContext, watch, openChat, ask, answerIdOf, screenshot, waitForBotMessages, botMessages } from './helpers';
test('scratch', async () => {
  const s = await startServers();
  const b = await launchBrowser();
  try {
    // (a) picker pt then short pt question
    {
      const c = await newContext(b); const p = await c.newPage();
      await openChat(p, s.botOrigin + '/');
      await p.locator('#lang').selectOption('pt');
      await waitForBotMessages(p, 1);
      for (const q of ['Quando é a cerimônia?', 'Onde é a cerimônia?', 'Qual é a data da cerimônia?']) {
        const r = await ask(p, q);
        console.log('(a)', q, await r.getAttribute('lang'), await answerIdOf(r), await p.locator('#lang').inputValue(), (await r.innerText()).slice(0, 80));
      }
      await c.close();
    }
    // (b) websocket down
    {
      const c = await newContext(b); const p = await c.newPage();
      const w = await watch(p);
      await p.routeWebSocket(/\/ws$/, (ws) => { ws.close(); });
      await p.goto(s.botOrigin + '/?lang=ja');
      await p.waitForTimeout(1500);
      console.log('(b) msgs', await botMessages(p).count(), 'status', await p.locator('#status').innerText(), 'typing hidden', await p.locator('#typing').isHidden());
      const r = await ask(p, '締結式の場所はどこですか');
      console.log('(b)', await r.getAttribute('lang'), await answerIdOf(r));
      console.log('(b)', w.consoleErrors, w.pageErrors);
      await screenshot(p, 'scratch-ws-down');
      await c.close();
    }
    // (c) phone widget
    {
      const c = await phoneContext(b); const p = await c.newPage();
      await p.goto(s.hostOrigin + '/');
      await p.locator('#koyo-launcher').click();
      const h = await p.locator('#koyo-panel iframe').elementHandle();
      const f = (await h!.contentFrame())!;
      await f.locator('#input').waitFor();
      await waitForBotMessages(f, 0);
      await screenshot(p, 'scratch-widget-phone');
      console.log('(c) launcher visible', await p.locator('#koyo-launcher').isVisible());
      await f.locator('#close').click();
      await p.waitForTimeout(300);
      console.log('(c) panel visible', await p.locator('#koyo-panel').isVisible(), await p.evaluate(() => document.activeElement?.id));
      await c.close();
    }
    // (d) blocked
    {
      const c = await newContext(b); const p = await c.newPage();
      await p.goto(s.blockedOrigin + '/');
      await p.locator('#koyo-launcher').click();
      await p.waitForTimeout(1000);
      await screenshot(p, 'scratch-widget-blocked');
      await c.close();
    }
  } finally {
    await b.close();
    await s.close();
  }
});
