export function App() {
  return <h1>Attention Exchange</h1>;
}
