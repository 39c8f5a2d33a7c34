import { describe, expect, it } from 'vitest';
import { parseDiagram } from '../../theory/diagram';
import { diagramScaling, diagramTex, scalingTex, scheduleScaling } from './diagramTex';

const tex = (s: string, obs: 'test-loss' | 'weight' | 'train-loss' | 'formula' = 'test-loss', aut = 1) =>
  diagramTex(parseDiagram(s), obs, aut).value;

describe('diagramTex', () => {
  it('names the tensors', () => {
    expect(tex('c(0-1)(01)')).toBe('G_{\\mu}\\,G_{\\mu}');
    expect(tex('c(0-1-2)(01-12)')).toBe('G_{\\mu}\\,H_{\\nu\\mu}\\,G_{\\nu}');
    expect(tex('c(01-2)(02-12)')).toBe('C_{\\mu\\nu}\\,H_{\\mu\\nu}');
    expect(tex('c(01-2-3)(02-12-23)', 'weight', 2)).toBe('C_{\\mu\\nu}\\,J_{\\lambda\\mu\\nu}');
    expect(tex('c(0)()', 'weight')).toBe('\\theta_0^{\\lambda}');
    expect(tex('c(012-3)(03-13-23)')).toMatch(/^S_\{\\mu\\nu\\rho\}/);
    expect(tex('c(01-2)(01-12)')).toMatch(/\\kappa/);
  });

  it('writes a formula root as the derivatives of φ', () => {
    expect(tex('c(0)()', 'formula')).toBe('\\varphi');
    expect(tex('c(0-1)(01)', 'formula')).toBe('G_{\\mu}\\,(\\nabla\\varphi)_{\\mu}');
    expect(tex('c(01-2)(02-12)', 'formula')).toBe('C_{\\mu\\nu}\\,(\\nabla^{2}\\varphi)_{\\mu\\nu}');
  });

  it('scales as η^m T^parts for SGD and N^-ties for GD', () => {
    expect(diagramScaling(parseDiagram('c(01-2-3)(02-12-23)'))).toEqual({ eta: 3, sgdT: 2, gdT: 3, gdN: -1 });
  });

  it('the Scaling line follows the schedule: one epoch, several epochs, full batch, custom', () => {
    const t = scalingTex(diagramScaling(parseDiagram('c(01-2-3)(02-12-23)')));
    expect(scheduleScaling({ N: 1000, B: 1, epochs: 1, custom: false }, t)).toEqual({
      label: 'SGD, one epoch, B = 1',
      tex: '\\eta^{3}\\,T^{2}',
    });
    const two = scheduleScaling({ N: 10, B: 1, epochs: 2, custom: false }, t);
    expect(two.label).toBe('SGD, 2 epochs of N = 10, B = 1 (more epochs at fixed N)');
    expect(two.label).not.toMatch(/one epoch/);
    expect(two.tex).toBe('\\eta^{3}\\,T^{3}\\,N^{-1}');
    expect(scheduleScaling({ N: 10, B: 10, epochs: 100, custom: false }, t).label).toBe('GD, B = N = 10');
    expect(scheduleScaling({ N: 4, B: 1, epochs: 1, custom: true }, t).tex).toBe('\\eta^{3}');
  });
});
