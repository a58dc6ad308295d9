/** The baseline for the HTTP benchmark: bare express echoing the same JSON shape, no bot. */
import express from 'express';

const app = express();
app.use(express.json({ limit: '8kb' }));
app.post('/api/chat', (req, res) => {
  const body = req.body as { text?: string };
  res.json({
    sessionId: 'x',
    lang: 'en',
    answerId: null,
    text: body.text ?? '',
    quickReplies: [],
    source: null,
  });
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
