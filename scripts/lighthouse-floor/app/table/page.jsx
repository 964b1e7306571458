export const dynamic = 'force-dynamic';

// 25 rows, as a page of the versions list, rendered on the server with no stylesheet.
export default function Page() {
  const rows = Array.from({ length: 25 }, (_, i) => i + 1);
  return (
    <main>
      <h1>Model versions</h1>
      <table>
        <thead>
          <tr><th>Model</th><th>Version</th><th>Stage</th><th>Accuracy</th><th>Released</th></tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i}>
              <td><a href={`/table?model=${i}`}>model-{i}</a></td>
              <td>1.{i}.0</td>
              <td>{i % 3 ? 'staging' : 'production'}</td>
              <td>{(0.8 + i / 200).toFixed(3)}</td>
              <td>2026-11-{String(i).padStart(2, '0')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
