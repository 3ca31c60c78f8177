import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import { DomainError } from '@app/errors';
import { ListingImportService, ListingsService, listingView, type ListingView } from '@app/listings';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import {
  CreateHoldDto,
  CreateListingDto,
  ExportQuery,
  HoldResponse,
  ImportResponse,
  ListListingsQuery,
  ListingResponse,
  UpdateListingDto,
} from './dto.js';

@ApiTags('listings')
@Controller('listings')
export class ListingsController {
  constructor(
    private readonly listings: ListingsService,
    private readonly importer: ListingImportService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Listings (载体), newest first; consultants read, managers write' })
  async list(@Query() q: ListListingsQuery): Promise<{ items: ListingView[]; total: number }> {
    const { items, total } = await this.listings.list({ ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { items: items.map(listingView), total };
  }

  @Get('export')
  @ApiOperation({ summary: 'Every listing as CSV or XLSX, with the import headers (re-importable)' })
  async export(@Query() q: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const format = q.format ?? 'csv';
    reply.header(
      'content-type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    reply.header('content-disposition', `attachment; filename="listings.${format}"`);
    return this.importer.export(format);
  }

  @Post('import')
  @Roles('manager')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Import a CSV or XLSX (Chinese or English headers); bad rows reported, good rows kept; idempotent' })
  @ApiOkResponse({ type: ImportResponse })
  async import(@Req() req: FastifyRequest): Promise<ImportResponse> {
    const file = req.isMultipart() ? await req.file() : undefined;
    if (!file)
      throw DomainError.field(
        'file',
        'FILE_REQUIRED',
        'file：请上传CSV或XLSX文件',
        'file: upload a CSV or XLSX file (multipart field "file")',
      );
    return this.importer.import(await file.toBuffer(), file.filename);
  }

  @Get(':id')
  @ApiOkResponse({ type: ListingResponse })
  async get(@Param('id', ParseIdPipe) id: string): Promise<ListingView> {
    return listingView(await this.listings.get(id));
  }

  @Post()
  @Roles('manager')
  @ApiOkResponse({ type: ListingResponse })
  async create(@Body() dto: CreateListingDto): Promise<ListingView> {
    return listingView(await this.listings.create(dto));
  }

  @Patch(':id')
  @Roles('manager')
  @ApiOkResponse({ type: ListingResponse })
  async update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateListingDto): Promise<ListingView> {
    return listingView(await this.listings.update(id, dto));
  }

  @Delete(':id')
  @Roles('manager')
  @HttpCode(204)
  async remove(@Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.listings.remove(id);
  }

  @Post(':id/holds')
  @ApiOperation({ summary: 'Hold a listing for a lead until a time (撞单 prevention); 409 when held for another lead' })
  @ApiOkResponse({ type: HoldResponse })
  async hold(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateHoldDto, @CurrentUser() user: AuthUser): Promise<HoldResponse> {
    const h = await this.listings.hold(id, dto.leadId.toLowerCase(), new Date(dto.until), user);
    return { id: h.id, listingId: h.listingId, leadId: h.leadId, heldById: h.heldById, until: h.until.toISOString() };
  }
}
