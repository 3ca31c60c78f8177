import { createRoot } from 'react-dom/client';

function App() {
  return (
    <main style={{ fontFamily: 'sans-serif', padding: 24 }}>
      <h1>招商 CRM</h1>
      <p>投资促进线索管理 · Investment-promotion lead CRM</p>
      <p>
        <a href="/api/docs">API 文档 / API docs</a>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
