fetch("/api/notes").then((answer) => answer.json()).then(console.log);
