import type { GraphDocument, TrainingSettings } from '../../engine/document';
import { buildClassifier } from '../classifier';
import type { Preset } from '../types';
import { buildBumpGraph, buildDistanceGraph, buildRavineGraph } from './graphs';
import { buildLossGraph, LECTURE_LABELS, LECTURE_ROWS } from './losses';
import { datasetCsv, ringsCsv, type FeatureSpace } from './polar';
import { foldedDataset, START_FOLD } from './warp';

/** Training settings for pasted 2-class CSV data, with a larger step and more epochs than the toy presets. */
function csvTraining(csv: string, overrides: Partial<TrainingSettings> = {}): TrainingSettings {
  const optimizer = { name: 'adam', learningRate: 0.05 } as const;
  const split = { train: 0.7, validation: 0.15 };
  return { dataset: { name: 'csv', csv, classes: 2 }, optimizer, batchSize: 32, epochs: 60, seed: 1, init: 'document', split, ...overrides };
}

export const knnView: Preset = {
  id: 'knn',
  title: { en: 'k-nearest neighbours: L1 and L2', 'zh-CN': 'k 近邻：L1 与 L2 距离' },
  explanation: {
    en: 'Each point of the plane takes the majority label of its k nearest training points. Switch between L1 (|Δx| + |Δy|) and L2 (√(Δx² + Δy²)) distance: under L1 the region borders run only horizontally, vertically or at 45°, under L2 they are straight bisectors at any angle. A larger k smooths the regions. Click the plot to add a point of the chosen class. The graph on the canvas computes both distances between one test point and one training point, with |d| = max(d, −d).',
    'zh-CN': '平面上每个点取其 k 个最近训练点中占多数的类别。在 L1 距离（|Δx| + |Δy|）和 L2 距离（√(Δx² + Δy²)）之间切换：L1 下区域边界只有水平、竖直或 45° 方向，L2 下边界是任意角度的垂直平分线。k 越大，区域越平滑。点击图像可以添加所选类别的点。画布上的图用门计算一个测试点与一个训练点之间的两种距离，其中 |d| = max(d, −d)。',
  },
  build: buildDistanceGraph,
};

/** Builds the polar-features training graph on the rings, with features in the given space. */
export function buildPolarGraph(space: FeatureSpace): GraphDocument {
  const training = csvTraining(ringsCsv(space));
  return buildClassifier({ title: 'Linear classifier on polar features', loss: 'softmax-ce', hidden: [], lambda: 1e-3, init: 'small-random', training }, { features: 2, classes: 2 });
}

export const polarFeaturesView: Preset = {
  id: 'polar-features',
  title: { en: 'Feature transform: polar coordinates', 'zh-CN': '特征变换：极坐标' },
  explanation: {
    en: 'Two rings cannot be separated by a straight line in (x, y). After the transform r = √(x² + y²), θ = atan2(y, x) the inner ring has the smaller r, so a line r = const separates them. The canvas holds a linear softmax classifier on (r, θ): train it, then see its boundary as a straight line in (r, θ) and as a circle back in (x, y). Switch the features to raw (x, y) to watch the same classifier fail.',
    'zh-CN': '在 (x, y) 空间中，两个圆环无法用一条直线分开。做变换 r = √(x² + y²)、θ = atan2(y, x) 之后，内环的 r 更小，一条直线 r = 常数 就能分开它们。画布上是一个基于 (r, θ) 的线性 softmax 分类器：训练它，然后观察它的边界在 (r, θ) 中是一条直线，回到 (x, y) 中则是一个圆。把特征切换回原始的 (x, y)，可以看到同样的分类器无法分开两类。',
  },
  build: () => buildPolarGraph('polar'),
};

/** Builds the space-warping training graph: 2 inputs → 2 ReLU units starting at START_FOLD → 2 class scores. */
export function buildWarpGraph(): GraphDocument {
  const training = csvTraining(datasetCsv(foldedDataset(), 'x,y,label'), { epochs: 150 });
  const document = buildClassifier({ title: 'Space warping by two ReLU units', loss: 'softmax-ce', hidden: [2], lambda: 0, init: 'small-random', training }, { features: 2, classes: 2 });
  const fold: Record<string, { shape: number[]; data: number[] }> = {
    W1: { shape: [2, 2], data: [...START_FOLD.w] },
    b1: { shape: [2], data: [...START_FOLD.b] },
  };
  for (const node of document.nodes) {
    if (fold[node.id]) node.params = { init: 'value', value: fold[node.id] };
  }
  return document;
}

export const spaceWarpingView: Preset = {
  id: 'space-warping',
  title: { en: 'Space warping by a ReLU layer', 'zh-CN': 'ReLU 层对空间的扭曲' },
  explanation: {
    en: 'The hidden layer h = ReLU(x · W1 + b1) has two units. Each unit is zero on one side of its line, so the layer folds the plane: every point where a unit is off lands on an axis of the hidden space. The left plot shows the input space with its grid, the right plot the same grid lines after the layer. The classes are not linearly separable in the input, yet a straight line separates them in the hidden space, and that line is what the linear classifier on top (W2, b2) learns. Train, or edit W1 and b1 on the canvas, and watch the grid fold.',
    'zh-CN': '隐藏层 h = ReLU(x · W1 + b1) 有两个单元。每个单元在其直线的一侧输出为零，所以这一层会把平面折叠：某个单元为零的点都落到隐藏空间的坐标轴上。左图是带网格的输入空间，右图是经过这一层之后的同一组网格线。两类在输入空间中线性不可分，但在隐藏空间中一条直线就能分开它们，这条直线正是上面的线性分类器（W2、b2）学到的。点击训练，或在画布上修改 W1 和 b1，观察网格如何折叠。',
  },
  build: buildWarpGraph,
};

/** The bump the canvas starts with: from −1 to 1, height 1, ramps of 0.5. */
export const START_BUMP = { start: -1, end: 1, height: 1, ramp: 0.5 };

export const bumpView: Preset = {
  id: 'bump',
  title: { en: 'Bumps from ReLUs: universal approximation', 'zh-CN': '用 ReLU 搭出凸起：万能近似' },
  explanation: {
    en: 'Four ReLUs make one bump: ReLU(x − a) − ReLU(x − a − δ) rises from 0 to δ, −ReLU(x − b + δ) + ReLU(x − b) falls back, and scaling by h/δ gives height h. The canvas computes one bump at the input x; move it with the sliders or edit the constants on the nodes. A sum of such bumps, one per interval, follows any continuous curve, and the error shrinks as the number of bumps grows: the idea behind the universal approximation theorem for one hidden ReLU layer.',
    'zh-CN': '四个 ReLU 组成一个凸起：ReLU(x − a) − ReLU(x − a − δ) 从 0 升到 δ，−ReLU(x − b + δ) + ReLU(x − b) 再降回 0，乘以 h/δ 后高度为 h。画布计算输入 x 处的一个凸起；用滑块移动它，或直接修改节点上的常数。把许多这样的凸起相加（每个区间一个），就能逼近任意连续曲线，凸起越多误差越小：这就是单隐藏层 ReLU 网络万能近似定理背后的想法。',
  },
  build: () => buildBumpGraph(START_BUMP, 0.25),
};

export const optimizerRaceView: Preset = {
  id: 'optimizer-race',
  title: { en: 'Optimizer race on a ravine', 'zh-CN': '优化器在狭长山谷中的比赛' },
  explanation: {
    en: 'Six optimizers start from one point of the loss f = a·x² + b·y², a valley 50 times steeper across than along. SGD with a large step overshoots across the valley and zigzags; momentum and Nesterov overshoot along it and swing back; AdaGrad and RMSProp divide each coordinate by its gradient history, so they take similar steps in x and y and curve towards the minimum; Adam combines momentum with that scaling. Click the plot to move the start, change the learning rates, and press Start. The canvas holds f as gates at the start point.',
    'zh-CN': '六个优化器从损失 f = a·x² + b·y² 上的同一点出发，这个山谷横向比纵向陡 50 倍。步长较大的 SGD 会在山谷两壁间来回越过、走出锯齿形；momentum 和 Nesterov 沿山谷方向冲过头再折回；AdaGrad 和 RMSProp 按每个坐标的历史梯度缩放步长，所以在 x 和 y 上的步子相近，沿弧线走向最小值；Adam 把动量与这种缩放结合起来。点击图像可以移动起点，修改学习率，然后按“开始”。画布上是起点处用门表示的 f。',
  },
  build: buildRavineGraph,
};

export const hingeVsSoftmaxView: Preset = {
  id: 'hinge-vs-softmax',
  title: { en: 'Hinge loss vs softmax loss', 'zh-CN': 'hinge 损失与 softmax 损失对比' },
  explanation: {
    en: 'The same scores go into the multiclass SVM (hinge) loss and the softmax cross-entropy loss; the correct class is class 0 in every row. In the lecture\'s rows [10, −2, 3], [10, 9, 9] and [10, −100, −100] the correct score beats the others by at least the margin 1, so the hinge loss is 0 and stays 0 when a score changes a little, while the softmax loss is above 0 and keeps falling as the correct score grows. Edit the scores in the table; the plot shows both losses of the chosen row as its correct score moves.',
    'zh-CN': '同一组得分同时送入多类 SVM（hinge）损失和 softmax 交叉熵损失；每一行的正确类别都是类别 0。课程中的三行 [10, −2, 3]、[10, 9, 9] 和 [10, −100, −100] 里，正确类别的得分都比其他类别至少高出间隔 1，所以 hinge 损失为 0，得分稍有变化时仍为 0；而 softmax 损失大于 0，并且正确得分越高它越小。在表格中修改得分；图中显示所选行在正确得分变化时两种损失的变化。',
  },
  build: () => buildLossGraph(LECTURE_ROWS, LECTURE_LABELS),
};

/** The lecture views in menu order. */
export const viewPresets: readonly Preset[] = [knnView, polarFeaturesView, spaceWarpingView, bumpView, optimizerRaceView, hingeVsSoftmaxView];

/** Ids of the presets that come with a view panel. */
export const VIEW_PRESET_IDS: ReadonlySet<string> = new Set(viewPresets.map((preset) => preset.id));

