// Draws coopkg charts with Chart.js (vendor/chartjs): each <figure data-chart="NAME"
// data-src="/charts/NAME.json?…"> gets its canvas filled from the figures the server
// gives (the same figures as the CSV link beside it).
"use strict";

const COOPKG_COLOURS = ["#2b8cbe", "#e6550d", "#31a354", "#756bb1", "#de2d26", "#636363",
  "#fdae6b", "#9ecae1", "#a1d99b", "#bcbddc"];

function coopkgChartConfig(name, data) {
  const rows = data.rows;
  if (name === "budget") {
    // rows of one currency only (see coopkgCharts): each currency gets its own axis
    const years = [...new Set(rows.map((r) => r[2]))].sort();
    const programmes = [...new Set(rows.map((r) => r[1]))];
    return {
      type: "bar",
      data: {
        labels: years,
        datasets: programmes.map((p, i) => ({
          label: p,
          backgroundColor: COOPKG_COLOURS[i % COOPKG_COLOURS.length],
          data: years.map((y) => {
            const row = rows.find((r) => r[1] === p && r[2] === y);
            return row ? row[3] : 0;
          }),
        })),
      },
      options: {
        plugins: { title: { display: true, text: `budget in ${rows[0][0]}` } },
        scales: { y: { beginAtZero: true } },
      },
    };
  }
  if (name === "pairs") {
    return {
      type: "bar",
      data: {
        labels: rows.map((r) => `${r[0]}–${r[1]}`),
        datasets: [{ label: "projects", backgroundColor: COOPKG_COLOURS[0], data: rows.map((r) => r[2]) }],
      },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    };
  }
  return {
    type: "bar",
    data: {
      labels: rows.map((r) => r[0]),
      datasets: [
        { label: "planned", backgroundColor: COOPKG_COLOURS[0], data: rows.map((r) => r[1]) },
        { label: "achieved", backgroundColor: COOPKG_COLOURS[2], data: rows.map((r) => r[2]) },
      ],
    },
    options: { scales: { y: { beginAtZero: true } } },
  };
}

function coopkgCharts(root) {
  (root || document).querySelectorAll("figure[data-chart]").forEach((figure) => {
    const name = figure.dataset.chart;
    fetch(figure.dataset.src, { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then((data) => {
        const canvas = figure.querySelector("canvas");
        if (!data.rows.length) {
          canvas.replaceWith(Object.assign(document.createElement("p"),
            { className: "note", textContent: "No figures for this list." }));
        } else if (window.Chart && name === "budget") {
          // never one axis for two currencies: a canvas per currency
          const currencies = [...new Set(data.rows.map((r) => r[0]))];
          currencies.forEach((currency, i) => {
            const target = i === 0 ? canvas : figure.appendChild(document.createElement("canvas"));
            target.height = canvas.height;
            target.dataset.currency = currency;
            const rows = data.rows.filter((r) => r[0] === currency);
            new Chart(target, coopkgChartConfig(name, { ...data, rows }));
          });
        } else if (window.Chart) {
          new Chart(canvas, coopkgChartConfig(name, data));
        }
        figure.setAttribute("data-ready", "true");
      });
  });
}
